export declare const DEFAULT_POSTGRES_PORT: number;

/** `PLINTH_HOME` (a relative one against `cwd`), else `.plinth/` in the repository. */
export declare function resolvePlinthHome(options: { plinthHome?: string; cwd: string; repoRoot: string }): string;

export interface HomeLayout {
  home: string;
  postgres: string;
  mail: string;
  data: string;
  secrets: string;
  ports: string;
}

/** What an instance keeps under its home. */
export declare function homeLayout(home: string): HomeLayout;

/** A port number from the environment; undefined when unset or empty. */
export declare function parsePort(value: string | undefined, name: string): number | undefined;

/** The port asked for (refused when taken); else the one this home used last, else 54329, whichever is free; else any free port. */
export declare function choosePostgresPort(options: { requested?: number; remembered?: number; defaultPort?: number }): Promise<number>;

/** The port a home's service last ran on; undefined when none is recorded. */
export declare function readRememberedPort(portsFile: string, service: string): Promise<number | undefined>;

export declare function rememberPort(portsFile: string, service: string, port: number): Promise<void>;
