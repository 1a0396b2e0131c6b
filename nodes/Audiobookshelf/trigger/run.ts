import type { ServiceClient } from '../../shared/transport';

/** What one poll needs besides its cursor: the client, when to stop reading, and the output shape. */
export interface PollRun {
	client: ServiceClient;
	/** Epoch ms after which no further page is started (the poll's budget, less time to emit). */
	deadline: number;
	simplify: boolean;
}

/** Share of the poll budget spent reading; the rest is left for emitting. */
const BUDGET_SHARE = 0.75;

export function deadlineOf(budgetMs: number | undefined, now = Date.now()): number {
	return budgetMs && budgetMs > 0 ? now + budgetMs * BUDGET_SHARE : Number.POSITIVE_INFINITY;
}

export function outOfTime(run: PollRun): boolean {
	return Date.now() > run.deadline;
}
