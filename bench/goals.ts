/**
 * Issue 11's table ("Speed and cost"): each figure `npm run bench` measures beside the figure the
 * issue found and its goal, printed last and kept in `.local/bench.json` under `goals`.
 */
export interface GoalFigure {
  readonly what: string;
  /** As the issue measured it before the change. */
  readonly before: string;
  readonly measured: string;
  readonly goal: string;
  readonly met: boolean;
}

export class GoalTable {
  readonly figures: GoalFigure[] = [];

  add(figure: GoalFigure): void {
    this.figures.push(figure);
  }

  print(log: (line: string) => void = console.log): void {
    if (this.figures.length === 0) return;
    const widths = [62, 34, 30, 22];
    const row = (cells: readonly string[]) => cells.map((cell, index) => cell.padEnd(widths[index] ?? 0)).join(' ');
    log('');
    log('Issue 11 — speed and cost, each figure beside its goal');
    log(row(['what', 'before (the issue)', 'measured', 'goal']));
    for (const figure of this.figures) log(`${row([figure.what, figure.before, figure.measured, figure.goal])} ${figure.met ? 'met' : 'NOT MET'}`);
  }
}
