/** Asks the OS for a free TCP port on loopback. */
export declare function freePort(): Promise<number>;

/** True when `port` can be bound on loopback right now. */
export declare function isPortFree(port: number): Promise<boolean>;
