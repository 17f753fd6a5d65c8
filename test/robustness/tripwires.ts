/**
 * Tripwires for the "never executes workspace code, never touches the network" promise:
 * while installed, every way Node offers to start a process, open a socket, resolve a name,
 * fetch a URL, run code from a string or load a module from the workspace is replaced by a
 * stub that records the attempt and throws. Tests install them around an audit and assert
 * that nothing was recorded.
 */
import * as childProcess from 'child_process';
import * as dgram from 'dgram';
import * as dns from 'dns';
import * as http from 'http';
import * as http2 from 'http2';
import * as https from 'https';
import * as net from 'net';
import * as tls from 'tls';
import * as vm from 'vm';
import * as workerThreads from 'worker_threads';

// Node's module loader is not in @types/node's public surface; only _load matters here.
const Module = require('module') as { _load(request: string, parent: unknown, isMain: boolean): unknown; _resolveFilename(request: string, parent: unknown): string };

export interface Tripwires {
  /** One line per attempt: `<module>.<function> <detail>`. */
  readonly attempts: string[];
  restore(): void;
}

type Target = Record<string, unknown>;

/** The writable exports of a built-in module (`import * as` gives a frozen namespace copy). */
function writable(mod: object): Target {
  const m = mod as { default?: unknown };
  return (m.default && typeof m.default === 'object' ? m.default : mod) as Target;
}

export function installTripwires(options: { workspaceRoots?: string[] } = {}): Tripwires {
  const attempts: string[] = [];
  const restores: (() => void)[] = [];
  const stub = (target: Target, name: string, label: string) => {
    const original = target[name];
    if (typeof original !== 'function') return;
    target[name] = function tripwire(...args: unknown[]) {
      attempts.push(`${label}.${name} ${describeArgs(args)}`);
      throw new Error(`${label}.${name} is forbidden during an audit`);
    };
    restores.push(() => {
      target[name] = original;
    });
  };
  const many = (mod: object, label: string, names: string[]) => {
    const target = writable(mod);
    for (const n of names) stub(target, n, label);
  };

  many(childProcess, 'child_process', ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']);
  many(http, 'http', ['request', 'get', 'createServer']);
  many(https, 'https', ['request', 'get', 'createServer']);
  many(http2, 'http2', ['connect']);
  many(net, 'net', ['connect', 'createConnection', 'createServer']);
  many(tls, 'tls', ['connect']);
  many(dgram, 'dgram', ['createSocket']);
  many(dns, 'dns', ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny']);
  many(vm, 'vm', ['runInThisContext', 'runInNewContext', 'runInContext', 'compileFunction']);
  stub(net.Socket.prototype as unknown as Target, 'connect', 'net.Socket');
  stub(globalThis as unknown as Target, 'fetch', 'globalThis');

  // Constructors: replaced by throwing classes.
  const wt = writable(workerThreads);
  const OriginalWorker = wt.Worker;
  wt.Worker = class TripwireWorker {
    constructor(file: unknown) {
      attempts.push(`worker_threads.Worker ${String(file)}`);
      throw new Error('worker_threads.Worker is forbidden during an audit');
    }
  };
  restores.push(() => {
    wt.Worker = OriginalWorker;
  });
  const vmTarget = writable(vm);
  const OriginalScript = vmTarget.Script;
  vmTarget.Script = class TripwireScript {
    constructor(code: unknown) {
      attempts.push(`vm.Script ${String(code).slice(0, 60)}`);
      throw new Error('vm.Script is forbidden during an audit');
    }
  };
  restores.push(() => {
    vmTarget.Script = OriginalScript;
  });

  // Loading a module from the workspace (a config plugin, a "rule" file, package.json main...).
  const roots = (options.workspaceRoots ?? []).map((r) => r.replace(/\\/g, '/'));
  const originalLoad = Module._load;
  Module._load = function tripwireLoad(request: string, parent: unknown, isMain: boolean) {
    let resolved = request;
    try {
      resolved = Module._resolveFilename(request, parent);
    } catch {
      // unresolvable: let the original loader report it
    }
    const norm = resolved.replace(/\\/g, '/');
    if (roots.some((r) => norm === r || norm.startsWith(r + '/'))) {
      attempts.push(`require ${resolved}`);
      throw new Error(`loading ${resolved} from the workspace is forbidden`);
    }
    return originalLoad.call(this, request, parent, isMain);
  };
  restores.push(() => {
    Module._load = originalLoad;
  });

  return {
    attempts,
    restore() {
      while (restores.length) restores.pop()!();
    },
  };
}

function describeArgs(args: unknown[]): string {
  return args
    .slice(0, 2)
    .map((a) => {
      if (typeof a === 'string') return a.slice(0, 80);
      if (a && typeof a === 'object') {
        const o = a as { href?: unknown; host?: unknown; hostname?: unknown; path?: unknown };
        return String(o.href ?? o.hostname ?? o.host ?? o.path ?? '[object]');
      }
      return String(a);
    })
    .join(' ');
}
