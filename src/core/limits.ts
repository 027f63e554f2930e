/** The default --max-file-size: larger files are skipped, with a note (src/core/scan-file.ts). */
export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;
