/** The file extensions both front-ends analyse. Kept apart from parse.ts so discovery needs no compiler. */
export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];
