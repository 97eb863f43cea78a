import { InputError } from '../core/errors.js';

/** One thing wrong in a catalogue file, with its position. */
export interface CatalogProblem {
  /** `catalog/vendors.yaml:12:7` */
  where: string;
  message: string;
}

/**
 * The catalogue data is invalid. For the built-in catalogue that is a bug in shipped data (the
 * test suite loads it, so it should never reach a user); for a directory given to `loadCatalog`
 * it is an input error. Every problem found is listed, not only the first.
 */
export class CatalogError extends InputError {
  readonly problems: readonly CatalogProblem[];

  constructor(problems: readonly CatalogProblem[], hint: string) {
    const [first] = problems;
    const single = problems.length === 1 && first !== undefined;
    super(
      single
        ? first.message
        : `the catalogue has ${problems.length} problems:\n${problems.map((p) => `  ${p.where}: ${p.message}`).join('\n')}`,
      { where: single ? first.where : undefined, hint },
    );
    this.problems = problems;
  }
}
