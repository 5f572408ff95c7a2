// Shows text with matched spans marked. Spans are UTF-16 offsets into the original text, as the API gives them.

export interface Span {
  start: number;
  end: number;
  label: string;
}

export function Highlighted({ text, spans }: { text: string; spans: Span[] }) {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const span of sorted) {
    if (span.start < at) continue; // overlapping spans: the first (longest) one is shown
    if (span.start > at) parts.push(text.slice(at, span.start));
    parts.push(
      <mark key={`${span.start}-${span.end}`} title={span.label}>
        {text.slice(span.start, span.end)}
      </mark>,
    );
    at = span.end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <p className="highlighted">{parts}</p>;
}
