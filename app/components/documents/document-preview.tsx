// A document's blocks as HTML: the progress report's preview is the very layout its PDF and Word
// file are made of. Its headings sit under the page's own (`level` is the document's h1).
import type { Block } from "~/documents/blocks";

const headingClass = { 0: "text-xl font-semibold", 1: "mt-4 text-lg font-semibold", 2: "mt-3 font-semibold" } as const;

export function DocumentPreview({ blocks, level }: { blocks: readonly Block[]; level: 2 | 3 }) {
  return (
    <div className="flex flex-col gap-2 break-words">
      {blocks.map((b, i) => {
        switch (b.type) {
          case "h1":
          case "h2":
          case "h3": {
            const depth = b.type === "h1" ? 0 : b.type === "h2" ? 1 : 2;
            const Tag = `h${level + depth}` as "h2" | "h3" | "h4" | "h5";
            return <Tag key={i} className={headingClass[depth]}>{b.text}</Tag>;
          }
          case "p":
            return <p key={i} className={b.style === "muted" ? "text-sm text-slate-700" : b.style === "bold" ? "mt-2 font-medium" : "whitespace-pre-line"}>{b.text}</p>;
          case "field":
            return b.value ? <p key={i}><span className="font-medium">{b.label}:</span> {b.value}</p> : null;
          case "list":
            return <ul key={i} className="list-disc pl-5">{b.items.map((item, j) => <li key={j}>{item}</li>)}</ul>;
          case "table":
            return (
              <div key={i} className="max-w-full overflow-x-auto" role="region" aria-label={b.header.join(", ")} tabIndex={0}>
                <table className="min-w-full border-collapse text-sm">
                  <thead><tr>{b.header.map((h) => <th key={h} scope="col" className="border border-slate-300 bg-slate-100 px-2 py-1 text-left">{h}</th>)}</tr></thead>
                  <tbody>{b.rows.map((r, j) => <tr key={j}>{r.map((c, k) => <td key={k} className="border border-slate-300 px-2 py-1 align-top">{c}</td>)}</tr>)}</tbody>
                </table>
              </div>
            );
        }
      })}
    </div>
  );
}
