import { markdownFieldOperation } from './markdownField';

export const setRecordingSummary = markdownFieldOperation('summary', 'Summary');
