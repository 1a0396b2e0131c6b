import { markdownFieldOperation } from './markdownField';

export const setRecordingNotes = markdownFieldOperation('notes', 'Notes');
