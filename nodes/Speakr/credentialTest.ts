import { SpeakrApi } from '../../credentials/SpeakrApi.credentials';
import { credentialTestFor } from '../shared/credentialTest';
import { speakrProfile } from './profile';

/** The credential Test of every Speakr node (`testedBy: 'speakrApiTest'`). */
export const credentialTest = { speakrApiTest: credentialTestFor(speakrProfile, new SpeakrApi()) };
