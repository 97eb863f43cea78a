import { assertGoldenIn } from '../helpers/golden.js';

/** Compares `actual` with test/golden/report/<name> (UPDATE_GOLDEN=1 rewrites it). */
export const assertGolden = (name: string, actual: string): void => assertGoldenIn('report', name, actual);
