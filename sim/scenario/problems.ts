import { ScenarioError, type ScenarioProblem } from './errors';

// Reading a file so that one mistake does not hide the next. Each check that stands on its own runs
// through `check`, which keeps the problems it finds and lets reading go on with a stand-in value;
// at the end all of them are thrown as one ScenarioError. A mistake that makes the checks after it
// meaningless (the file is not a mapping, a policy type is unknown, so its parameters cannot be
// checked) is thrown straight away instead, and ends the reading with what was found until then.

export class Problems {
  private readonly found: ScenarioProblem[] = [];

  /** Runs one check; a problem it finds is kept and `fallback` returned, so that reading goes on. */
  check<T>(read: () => T): T | undefined;
  check<T>(read: () => T, fallback: T): T;
  check<T>(read: () => T, fallback?: T): T | undefined {
    try {
      return read();
    } catch (err) {
      if (!(err instanceof ScenarioError)) throw err;
      // The same problem can come back through nested checks (a `stop` inside a `check`).
      for (const p of err.problems) if (!this.found.includes(p)) this.found.push(p);
      return fallback;
    }
  }

  get any(): boolean {
    return this.found.length > 0;
  }

  /** Ends the reading with the problems found so far; called when one makes the next checks meaningless. */
  stop(): never {
    throw new ScenarioError(...this.found);
  }
}

/** Runs `read` with a fresh Problems: its result when it found none, otherwise one ScenarioError with all. */
export function collectProblems<T>(read: (problems: Problems) => T): T {
  const problems = new Problems();
  const result = problems.check(() => read(problems));
  if (problems.any) problems.stop();
  return result as T;
}

/** Reads every item on its own, so that a bad item does not hide the problems of the ones after it. */
export function readEach<I, T>(items: readonly I[], read: (item: I, index: number) => T): T[] {
  // A bad item leaves undefined in its place, but then collectProblems throws: none is returned.
  return collectProblems((problems) => items.map((item, i) => problems.check(() => read(item, i)) as T));
}
