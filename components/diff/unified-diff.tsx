/** A unified diff, coloured line by line. */
export function UnifiedDiff({ text }: { text: string }) {
  if (!text) return <p className="text-sm text-slate-500">No difference.</p>;
  return (
    <pre className="overflow-x-auto rounded bg-slate-950 p-3 text-xs leading-5 text-slate-200">
      {text.split("\n").map((line, i) => {
        const color = line.startsWith("+++") || line.startsWith("---") ? "text-slate-400" : line.startsWith("+") ? "text-emerald-300" : line.startsWith("-") ? "text-rose-300" : line.startsWith("@@") ? "text-sky-300" : "";
        return (
          <div key={i} className={color}>
            {line || " "}
          </div>
        );
      })}
    </pre>
  );
}

/** Splits a unified diff into left (live) and right (desired) columns. */
export function SideBySideDiff({ text }: { text: string }) {
  if (!text) return <p className="text-sm text-slate-500">No difference.</p>;
  const rows: { left?: string; right?: string; kind: "same" | "removed" | "added" | "hunk" }[] = [];
  let pairIndex = -1;
  for (const line of text.split("\n")) {
    if (line.startsWith("---") || line.startsWith("+++")) continue;
    if (line.startsWith("-")) {
      rows.push({ left: line.slice(1), kind: "removed" });
      if (pairIndex < 0) pairIndex = rows.length - 1;
    } else if (line.startsWith("+")) {
      const pair = pairIndex >= 0 ? rows[pairIndex] : undefined;
      if (pair?.kind === "removed") {
        pair.right = line.slice(1);
        pairIndex += 1;
      } else rows.push({ right: line.slice(1), kind: "added" });
    } else {
      pairIndex = -1;
      if (line.startsWith("@@")) rows.push({ left: line, right: line, kind: "hunk" });
      else rows.push({ left: line.slice(1), right: line.slice(1), kind: "same" });
    }
  }
  return (
    <div className="overflow-x-auto rounded bg-slate-950 text-xs leading-5 text-slate-200">
      <table className="w-full font-mono">
        <thead className="text-left text-slate-400">
          <tr>
            <th className="w-1/2 px-2">Live</th>
            <th className="w-1/2 px-2">Desired (Git)</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i} className={r.kind === "hunk" ? "text-sky-300" : ""}>
              <td className={`whitespace-pre px-2 ${r.kind === "removed" ? "bg-rose-950 text-rose-200" : ""}`}>{r.left ?? ""}</td>
              <td className={`whitespace-pre px-2 ${r.kind === "removed" || r.kind === "added" ? "bg-emerald-950 text-emerald-200" : ""}`}>{r.right ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
