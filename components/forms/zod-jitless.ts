import { config } from "zod";

// zod 4 compiles object parsers with `new Function` unless told not to; probing for that is an eval,
// which the page CSP (no 'unsafe-eval') refuses and reports. useZodForm imports this before any form
// parses. Pages import `z` from "zod" itself: re-exporting the namespace from here made the bundler
// keep all of zod (every locale, ~100 KB gzip) on every page with a form.
config({ jitless: true });
