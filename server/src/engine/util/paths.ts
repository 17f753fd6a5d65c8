/** Engine paths are absolute and '/'-separated on every platform. */
export function toEnginePath(p: string): string {
  let s = p.replace(/\\/g, '/');
  if (/^[a-zA-Z]:\//.test(s)) s = s[0].toLowerCase() + s.slice(1);
  return s.length > 1 ? s.replace(/\/+$/, '') : s;
}

export function joinPath(dir: string, name: string): string {
  return dir.endsWith('/') ? dir + name : dir + '/' + name;
}

export function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

export function basename(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

/** `root`-relative path with '/' separators; the path itself when it is outside `root`. */
export function relativePath(root: string, p: string): string {
  const r = root.endsWith('/') ? root : root + '/';
  return p.startsWith(r) ? p.slice(r.length) : p === root ? basename(p) : p;
}

export function isInside(root: string, p: string): boolean {
  return p === root || p.startsWith(root.endsWith('/') ? root : root + '/');
}
