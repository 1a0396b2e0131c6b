import { AudioBookRequestApi } from '../../credentials/AudioBookRequestApi.credentials';
import { credentialTestFor } from '../shared/credentialTest';
import { audioBookRequestProfile } from './profile';

/** The credential Test of every AudioBookRequest node (`testedBy: 'audioBookRequestApiTest'`). */
export const credentialTest = {
	audioBookRequestApiTest: credentialTestFor(audioBookRequestProfile, new AudioBookRequestApi()),
};
