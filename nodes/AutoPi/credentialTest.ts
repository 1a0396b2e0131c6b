import { AutoPiApi } from '../../credentials/AutoPiApi.credentials';
import { credentialTestFor } from '../shared/credentialTest';
import { autoPiProfile } from './profile';

/** The credential Test of every AutoPi node (`testedBy: 'autoPiApiTest'`). */
export const credentialTest = { autoPiApiTest: credentialTestFor(autoPiProfile, new AutoPiApi()) };
