export const RISK_LEVELS = ['low', 'medium', 'high'] as const;

export type RiskLevel = (typeof RISK_LEVELS)[number];

export function isRiskLevel(value: unknown): value is RiskLevel {
	return RISK_LEVELS.includes(value as RiskLevel);
}

/** Whether `level` is `minimum` or higher; an unknown level never is. */
export function isAtLeast(level: unknown, minimum: RiskLevel): boolean {
	return isRiskLevel(level) && RISK_LEVELS.indexOf(level) >= RISK_LEVELS.indexOf(minimum);
}
