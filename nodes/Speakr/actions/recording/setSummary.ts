import { markdownFieldOperation } from './markdownField';

export const recordingSetSummary = markdownFieldOperation('summary', 'Summary');
