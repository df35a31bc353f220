"use client";

import dynamic from "next/dynamic";
import type { ReactNode } from "react";
import { ChartFrame } from "./chart-frame";
import type { CartesianBody as Body } from "./recharts/cartesian-body";
import { WhenVisible } from "./when-visible";

export interface ChartSeries<T> {
  key: keyof T & string;
  label: string;
  /** Defaults to the palette's colour at the series' index. */
  color?: string;
  dashed?: boolean;
}

export interface CartesianChartProps<T> {
  /** Accessible name (and visible title with `showTitle`). */
  title: string;
  /** Text alternative for screen readers. */
  summary?: string;
  showTitle?: boolean;
  data: readonly T[];
  /** The x field: a time (epoch seconds with `xType: "number"`) or a category. */
  x: keyof T & string;
  xType?: "number" | "category";
  /** Fixed x range, e.g. the last 120 s so a live chart scrolls instead of stretching. */
  xDomain?: [number, number];
  series: ReadonlyArray<ChartSeries<T>>;
  formatX?: (value: number | string) => string;
  formatY?: (value: number) => string;
  yDomain?: [number | "auto" | "dataMin" | "dataMax", number | "auto" | "dataMin" | "dataMax"];
  /** Pixel height (default 220). */
  height?: number;
  /** Legend under the chart (default: when there is more than one series). */
  legend?: boolean;
  /** Shown instead of the chart when `data` is empty. */
  empty?: ReactNode;
  /** Stack the areas (AreaChart only). */
  stacked?: boolean;
  /** Animate changes (off by default: live charts update every second). */
  animate?: boolean;
  className?: string;
  "data-testid"?: string;
}

/** recharts, fetched when a chart first comes into view (see WhenVisible). */
const CartesianBody = dynamic(() => import("./recharts/cartesian-body").then((m) => m.CartesianBody), { ssr: false }) as typeof Body;

/** Shared frame of LineChart and AreaChart: the figure now, the drawing once it is in view. */
export function CartesianChart<T>({ kind, ...props }: CartesianChartProps<T> & { kind: "line" | "area" }) {
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
        <CartesianBody kind={kind} {...props} />
      </WhenVisible>
    </ChartFrame>
  );
}
