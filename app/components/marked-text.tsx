import type { TextPart } from "~/domain/search-terms";

/**
 * Text with the matched words marked. The parts are plain strings and React escapes them: a
 * snippet can hold "<script>" as text, never as markup (no dangerouslySetInnerHTML here).
 */
export function MarkedText({ parts }: { parts: readonly TextPart[] }) {
  return (
    <>
      {parts.map((p, i) =>
        p.hit ? (
          <mark key={i} className="bg-yellow-200 text-slate-900">
            {p.text}
          </mark>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </>
  );
}
