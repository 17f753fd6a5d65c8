/**
 * No handler may throw to the connection: a failure is logged with the handler's name and
 * the client gets an empty result, so one bad document never takes the server down. A handler
 * that means to answer with an error (a failed audit) throws a `ResponseError`, having logged
 * it: that one is answered as the error it is.
 */
import { ResponseError } from 'vscode-languageserver';

export type ErrorSink = (message: string) => void;

function describe(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}

export function guard<A extends unknown[], R>(name: string, fallback: R, onError: ErrorSink, fn: (...args: A) => R | Promise<R>): (...args: A) => Promise<R> {
  return async (...args: A) => {
    try {
      return await fn(...args);
    } catch (e) {
      if (e instanceof ResponseError) throw e;
      onError(`${name} failed: ${describe(e)}`);
      return fallback;
    }
  };
}

/** For notification handlers, whose result nobody reads. */
export function guardVoid<A extends unknown[]>(name: string, onError: ErrorSink, fn: (...args: A) => void | Promise<void>): (...args: A) => void {
  const g = guard(name, undefined, onError, fn);
  return (...args: A) => void g(...args);
}
