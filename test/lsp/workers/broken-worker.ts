/** Stand-in for an audit worker that cannot start (its bundle fails to load). */
export {};
throw new Error('this worker cannot load, on purpose');
