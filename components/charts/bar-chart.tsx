"use client";

import dynamic from "next/dynamic";
import type { ReactNode } from "react";
import type { ChartSeries } from "./cartesian-chart";
import { ChartFrame } from "./chart-frame";
import type { BarBody as Body } from "./recharts/bar-body";
import { WhenVisible } from "./when-visible";

export interface BarChartProps<T> {
  title: string;
  summary?: string;
  showTitle?: boolean;
  data: readonly T[];
  /** The category field (layer, day, endpoint group). */
  x: keyof T & string;
  series: ReadonlyArray<ChartSeries<T>>;
  /** "vertical": categories down the side — better for long names and phones. Default "horizontal". */
  layout?: "horizontal" | "vertical";
  formatX?: (value: string) => string;
  /** Which category labels to draw: every one (0, the default) or, for many narrow bars, recharts' pick ("preserveStartEnd"). */
  xTickInterval?: 0 | "preserveStartEnd";
  formatY?: (value: number) => string;
  /** One colour per bar (single series), e.g. to highlight the non-zero ones. */
  barColor?: (row: T, index: number) => string;
  stacked?: boolean;
  height?: number;
  legend?: boolean;
  empty?: ReactNode;
  className?: string;
  "data-testid"?: string;
}

/** recharts, fetched when a chart first comes into view (see WhenVisible). */
const BarBody = dynamic(() => import("./recharts/bar-body").then((m) => m.BarBody), { ssr: false }) as typeof Body;

/** Bars by category; same conventions as LineChart: the figure now, the drawing once it is in view. */
export function BarChart<T>(props: BarChartProps<T>) {
  const { title, summary, showTitle, data, height = 220, empty, className } = props;
  return (
    <ChartFrame
      title={title}
      summary={summary}
      showTitle={showTitle}
      height={height}
      empty={data.length === 0 ? empty : undefined}
      className={className}
      data-testid={props["data-testid"]}
    >
      <WhenVisible>
        <BarBody {...props} />
      </WhenVisible>
    </ChartFrame>
  );
}
