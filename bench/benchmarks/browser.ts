import type { Benchmark } from "./context";
export const browser: Benchmark = { id: "browser", title: "in Chromium", async run() { return []; } };
