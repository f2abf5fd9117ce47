/**
 * Streaming CSV reading from disk with papaparse's parser, chunk by chunk: memory holds one
 * chunk and the incomplete row at its end, never the file. Records are numbered like
 * spreadsheet rows: the header is line 1, the first data row line 2. Quote problems are kept
 * with the record they belong to.
 *
 * A record is capped at MAX_RECORD_CHARS. Without a cap, one unclosed quote makes the rest of the
 * file one record: it is carried from chunk to chunk and re-parsed from its start each time
 * (quadratic), and a 50 MB file ends up in one string. Past the cap, reading stops with an
 * ImportFileError naming the line where that record started.
 */
import fs from "node:fs";
import Papa from "papaparse";
import { ImportFileError } from "./file-error";

export interface CsvRecord {
  /** 1-based, the header being line 1. */
  line: number;
  cells: string[];
  /** A problem papaparse found in this record (a stray or unclosed quote). */
  problem: string | null;
}

export interface CsvShape {
  delimiter: string;
  newline: "\n" | "\r\n" | "\r";
}

const CHUNK_CHARS = 256 * 1024;
/** The longest record (its characters, delimiters included) an import reads: far above any real row. */
export const MAX_RECORD_CHARS = 64 * 1024;
const MAX_RECORD_LABEL = "64 KiB";

/** `openQuote`: the record is still open because a quote in it never closed. */
function recordTooLong(line: number, openQuote: boolean): ImportFileError {
  return new ImportFileError(
    openQuote
      ? `Line ${line}: a quoted value is never closed (record longer than ${MAX_RECORD_LABEL}). Look for a stray " character on that line.`
      : `Line ${line}: the record is longer than ${MAX_RECORD_LABEL}.`,
  );
}
const DELIMITERS = [",", ";", "\t", "|"] as const;

/** Line ending and delimiter from the start of a file: the delimiter most used on the header line. */
export function sniffShape(head: string): CsvShape {
  const crlf = head.indexOf("\r\n");
  const lf = head.indexOf("\n");
  const cr = head.indexOf("\r");
  const newline = crlf !== -1 && crlf <= lf ? "\r\n" : lf !== -1 ? "\n" : cr !== -1 ? "\r" : "\n";
  const end = head.indexOf(newline);
  const firstLine = (end === -1 ? head : head.slice(0, end)).replace(/"[^"]*"/g, "");
  let delimiter: string = ",";
  let best = 0;
  for (const candidate of DELIMITERS) {
    const count = firstLine.split(candidate).length - 1;
    if (count > best) {
      best = count;
      delimiter = candidate;
    }
  }
  return { delimiter, newline };
}

function describeProblem(error: Papa.ParseError): string {
  switch (error.code) {
    case "MissingQuotes":
      return "a quoted value is never closed, so the rest of the file was read as one value (look for a stray \" character)";
    case "InvalidQuotes":
      return "has a stray quote (\") inside a value: quote the whole value and double any quote inside it";
    default:
      return `cannot be read as CSV (${error.message})`;
  }
}

/** True for a record that is a blank line (papaparse gives [""]). */
export function isBlankRecord(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === "");
}

/**
 * The file's records in batches, in order. `shape` is sniffed from the first chunk when not given.
 * The reader can stop early (break): the file stream is closed.
 */
export async function* readCsvRecords(path: string, options: { shape?: CsvShape } = {}): AsyncGenerator<CsvRecord[]> {
  const stream = fs.createReadStream(path, { encoding: "utf8", highWaterMark: CHUNK_CHARS });
  let parser: Papa.Parser | null = null;
  let partial = "";
  let base = 0;
  let line = 0;

  const toRecords = (result: Papa.ParseResult<string[]>): CsvRecord[] => {
    const problems = new Map<number, string>();
    // An unclosed quote says more (the rest of the file became one value) than the stray quote before it.
    for (const error of result.errors) {
      if (error.row === undefined) continue;
      if (!problems.has(error.row) || error.code === "MissingQuotes") problems.set(error.row, describeProblem(error));
    }
    return result.data.map((cells, index) => {
      line += 1;
      // A whole record can be long too when it fits in one chunk: the same cap, wherever it falls.
      if (cells.reduce((sum, cell) => sum + cell.length + 1, 0) > MAX_RECORD_CHARS) throw recordTooLong(line, false);
      return { line, cells, problem: problems.get(index) ?? null };
    });
  };

  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      let input = partial + chunk;
      if (!parser) {
        if (input.charCodeAt(0) === 0xfeff) input = input.slice(1);
        const shape = options.shape ?? sniffShape(input);
        parser = new Papa.Parser({ delimiter: shape.delimiter, newline: shape.newline, quoteChar: '"' });
      }
      const result = parser.parse(input, base, true) as Papa.ParseResult<string[]>;
      const cursor = result.meta.cursor;
      partial = input.slice(cursor - base);
      base = cursor;
      const records = result.data.length ? toRecords(result) : [];
      // `partial` is the record still open at the chunk's end.
      if (partial.length > MAX_RECORD_CHARS) throw recordTooLong(line + 1, partial.includes('"'));
      if (records.length) yield records;
    }
    if (parser && partial) {
      const result = parser.parse(partial, base, false) as Papa.ParseResult<string[]>;
      if (result.data.length) yield toRecords(result);
    }
  } finally {
    stream.destroy();
  }
}
