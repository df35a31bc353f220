import { z } from "zod";

// zod 4 compiles object parsers with `new Function` unless told not to; probing for that is an eval,
// which the page CSP (no 'unsafe-eval') refuses and reports. Pages build their schemas from this `z`.
z.config({ jitless: true });

export { z };
