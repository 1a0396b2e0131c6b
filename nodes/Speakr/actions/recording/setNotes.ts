import { markdownFieldOperation } from './markdownField';

export const recordingSetNotes = markdownFieldOperation('notes', 'Notes');
