import { z } from "zod";

/**
 * zod, as every module of the app imports it. In the browser zod probes once whether it may
 * compile parsers with `Function("")`; the Content-Security-Policy allows no eval, so the probe is
 * a CSP violation on every page whose client code builds a schema (zod then parses without
 * compiled parsers anyway). Jitless skips the probe there; on the server compiled parsers stay.
 * This module runs before any module that imports it builds a schema.
 */
if (typeof window !== "undefined") z.config({ jitless: true });

export { z };
