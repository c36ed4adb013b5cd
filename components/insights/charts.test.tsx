import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BarChart } from "./bar-chart";
import { formatDuration, formatRate } from "./format";
import { labelEvery, linearScale, niceMax } from "./scale";
import { TimeChart } from "./time-chart";

/** The values of every attribute `name` in the markup, in order. */
function attributes(markup: string, element: string, name: string): string[] {
  return [...markup.matchAll(new RegExp(`<${element}\\b[^>]*\\b${name}="([^"]*)"`, "g"))].map((m) => m[1] ?? "");
}

describe("BarChart", () => {
  const bars = [
    { label: "Nov 1", value: 3 },
    { label: "Nov 2", value: 0 },
    { label: "Nov 3", value: 6, detail: "Nov 3: 6 deployments" },
  ];
  const markup = renderToStaticMarkup(<BarChart title="Deployments per day" description="Deployments that finished each UTC day." bars={bars} />);

  it("draws one bar per value, as tall as its share of the rounded maximum", () => {
    expect(attributes(markup, "rect", "data-value")).toEqual(["3", "0", "6"]);
    const heights = attributes(markup, "rect", "height").map(Number);
    // The axis ends at 10 (the round number above 6) over a 146-pixel-high plot.
    expect(heights).toEqual([43.8, 0, 87.6].map((h) => expect.closeTo(h, 5)) as unknown as number[]);
    expect(markup).toContain(">10</text>");
  });

  it("names the chart for assistive technology and labels every bar", () => {
    expect(markup).toMatch(/<svg role="img" aria-labelledby="[^"]+-title [^"]+-desc"/);
    expect(markup).toContain("<title>Deployments per day</title>");
    expect(markup).toContain("<desc");
    expect(attributes(markup, "rect", "aria-label")).toEqual(["Nov 1: 3", "Nov 2: 0", "Nov 3: 6 deployments"]);
  });

  it("labels the axis sparsely when there are many bars", () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ label: `d${i}`, value: i }));
    const labels = [...renderToStaticMarkup(<BarChart title="t" description="d" bars={many} maxLabels={10} />).matchAll(/>(d\d+)<\/text>/g)].map((m) => m[1]);
    expect(labels).toEqual(["d0", "d3", "d6", "d9", "d12", "d15", "d18", "d21", "d24", "d27"]);
  });

  it("draws an empty range as an axis without bars", () => {
    const empty = renderToStaticMarkup(<BarChart title="t" description="d" bars={[]} />);
    expect(empty).not.toContain("<rect");
    expect(empty).toContain(">1</text>");
  });
});

describe("TimeChart", () => {
  const points = [
    { at: "2026-11-03T00:00:00.000Z", value: 600, detail: "web: 10 min" },
    { at: "2026-11-02T00:00:00.000Z", value: 1800, detail: "api: 30 min" },
  ];
  const markup = renderToStaticMarkup(<TimeChart title="Lead time" description="Each deployment's lead time." points={points} from="2026-11-01T00:00:00.000Z" to="2026-11-05T00:00:00.000Z" format={formatDuration} />);

  it("places each point by its time along the range, oldest first, joined by a line", () => {
    // 48 px left margin, 584 px wide plot: Nov 2 is a quarter of the way, Nov 3 half.
    expect(attributes(markup, "circle", "cx").map(Number)).toEqual([48 + 584 / 4, 48 + 584 / 2]);
    expect(attributes(markup, "circle", "aria-label")).toEqual(["api: 30 min", "web: 10 min"]);
    expect(markup).toContain('<path d="M194.0');
  });

  it("labels the value axis with the formatted maximum and the time axis with both ends in UTC", () => {
    expect(markup).toContain(">33 min</text>");
    expect(markup).toContain(">Nov 1</text>");
    expect(markup).toContain(">Nov 5</text>");
  });
});

describe("chart arithmetic and formats", () => {
  it("rounds an axis up to 1, 2 or 5 times a power of ten", () => {
    expect([0, 1, 3, 6, 17, 240, 1800].map(niceMax)).toEqual([1, 1, 5, 10, 20, 500, 2000]);
  });

  it("maps values linearly and a zero-width domain to its start", () => {
    expect(linearScale(0, 10, 100, 0)(5)).toBe(50);
    expect(linearScale(3, 3, 7, 9)(3)).toBe(7);
    expect(labelEvery(30, 10)).toBe(3);
  });

  it("writes durations and rates as people read them", () => {
    expect([null, 45, 720, 12_600, 181_440].map(formatDuration)).toEqual(["—", "45 s", "12 min", "3.5 h", "2.1 d"]);
    expect([null, 0.5, 1 / 3].map(formatRate)).toEqual(["—", "50%", "33%"]);
  });
});
