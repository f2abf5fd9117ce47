/** A problem with an import file as a whole (not one row): its message is safe to show as is. */
export class ImportFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImportFileError";
  }
}
