import type {
	IAdditionalCredentialOptions,
	ICredentialDataDecryptedObject,
	INode,
} from 'n8n-workflow';

import { verbatimProblem, verbatimProblemMessage } from '../../credentials/common';
import { inputError } from './inputError';
import { SecretSet } from './redact';
import { API_TOKEN_CREDENTIAL, type BaseCredentials, type ServiceProfile } from './service';
import { normalizeBaseUrl } from './validate';

/**
 * The credential one client runs with: checked before any request, handed to n8n for every request, and the source
 * of the secrets to redact. n8n's sign-in step (preAuthentication) writes a new session token into this same
 * object, so the secrets are read again after every request: every secret a run obtains is redacted.
 */
export class RunCredential {
	readonly secrets = new SecretSet();

	readonly baseUrl: string;

	/**
	 * Hands this loaded credential to httpRequestWithAuthentication, so n8n does not read and decrypt it from its
	 * database again for every request (a few ms each: most of n8n's cost per page). n8n writes a new session token
	 * into `data` itself, which this object holds by reference.
	 */
	readonly forRequest: IAdditionalCredentialOptions;

	constructor(
		readonly profile: ServiceProfile,
		readonly data: BaseCredentials,
		node: INode,
		itemIndex?: number,
	) {
		this.baseUrl = normalizeBaseUrl(node, data.baseUrl, itemIndex);
		this.collectSecrets();
		const rules = profile.credential ?? API_TOKEN_CREDENTIAL;
		for (const { field, label } of rules.verbatimFields(data)) {
			const problem = verbatimProblem(String(data[field] ?? '').trim());
			if (!problem) continue;
			throw inputError(node, verbatimProblemMessage(label, problem), { itemIndex });
		}
		const details = node.credentials?.[profile.credentialType];
		this.forRequest = {
			credentialsDecrypted: {
				id: details?.id ?? '',
				name: details?.name ?? profile.credentialType,
				type: profile.credentialType,
				data: data as unknown as ICredentialDataDecryptedObject,
			},
		};
	}

	/** Adds the credential's current secret values (as stored and trimmed, as sent) to the redaction set. */
	collectSecrets(): void {
		const fields = (this.profile.credential ?? API_TOKEN_CREDENTIAL).secretFields;
		const values = fields.map((field) => this.data[field]);
		this.secrets.add(values);
		this.secrets.add(values.map((value) => (typeof value === 'string' ? value.trim() : value)));
	}

	/** The scheme's name and hint when the credential's token scheme cannot send this method (read-only schemes). */
	readOnlyScheme(method: string): { name: string; hint: string } | undefined {
		if (['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase())) return undefined;
		const scheme = this.data.authScheme;
		return typeof scheme === 'string' ? this.profile.readOnlyAuthSchemes?.[scheme] : undefined;
	}

	redact(text: string): string {
		this.collectSecrets();
		return this.secrets.redact(text);
	}
}
