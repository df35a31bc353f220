/** RFC 9110 content coding negotiation for gzip alone: listed (or `*`) with a q above 0. */
export function acceptsGzip(acceptEncoding: string): boolean {
  let gzip: number | undefined;
  let any: number | undefined;
  for (const part of acceptEncoding.split(",")) {
    const [coding = "", ...params] = part.trim().toLowerCase().split(";");
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    const weight = Number.isFinite(q) ? q : 0;
    if (coding.trim() === "gzip" || coding.trim() === "x-gzip") gzip = weight;
    else if (coding.trim() === "*") any = weight;
  }
  return (gzip ?? any ?? 0) > 0;
}
