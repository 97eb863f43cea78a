import { assertGoldenIn } from '../../helpers/golden.js';

/** Compares `actual` with test/golden/export/<name> (UPDATE_GOLDEN=1 rewrites it). */
export const assertExportGolden = (name: string, actual: string): void => assertGoldenIn('export', name, actual);
