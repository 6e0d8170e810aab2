/**
 * Phones and e-mails never reach a log or a supervisor's screen in full: `+7916*****67`,
 * `a***@example.ru`. A push subscription shows only its push service's host.
 */
export function maskPhone(phone: string): string {
	if (phone.length <= 6) return '*'.repeat(phone.length);
	return phone.slice(0, 5) + '*'.repeat(phone.length - 7) + phone.slice(-2);
}

export function maskEmail(email: string): string {
	const at = email.lastIndexOf('@');
	if (at < 1) return '***';
	return `${email[0]}***${email.slice(at)}`;
}

export function maskRecipient(channel: string, recipient: string | null): string | null {
	if (recipient === null) return null;
	if (channel === 'sms') return maskPhone(recipient);
	if (channel === 'email') return maskEmail(recipient);
	try {
		return new URL((JSON.parse(recipient) as { endpoint: string }).endpoint).host;
	} catch {
		return '***';
	}
}
