import { AudiobookshelfApi } from '../../credentials/AudiobookshelfApi.credentials';
import { credentialTestFor } from '../shared/credentialTest';
import { audiobookshelfProfile } from './profile';

/** The credential Test of every Audiobookshelf node (`testedBy: 'audiobookshelfApiTest'`). */
export const credentialTest = {
	audiobookshelfApiTest: credentialTestFor(audiobookshelfProfile, new AudiobookshelfApi()),
};
