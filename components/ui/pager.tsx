import { Button } from "./button";

export interface PagerProps {
  page: number;
  hasPrevious: boolean;
  /** null on the last page. */
  nextCursor: string | null;
  onPrevious: () => void;
  onNext: (cursor: string) => void;
  busy: boolean;
}

/** Previous / Next over keyset pages; the page number is where we are, there is no total to jump to. */
export function Pager({ page, hasPrevious, nextCursor, onPrevious, onNext, busy }: PagerProps) {
  if (!hasPrevious && !nextCursor) return null;
  return (
    <nav aria-label="Pages" className="flex items-center justify-between gap-3 border-t border-slate-100 px-4 py-3">
      <Button onClick={onPrevious} disabled={!hasPrevious || busy} data-testid="page-previous">
        ← Previous
      </Button>
      <span className="text-sm text-slate-500" data-testid="page-number" aria-live="polite">
        Page {page}
      </span>
      <Button onClick={() => nextCursor && onNext(nextCursor)} disabled={!nextCursor || busy} data-testid="page-next">
        Next →
      </Button>
    </nav>
  );
}
