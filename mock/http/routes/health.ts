// GET /health (and /actuator/health, where the Java broker has it): open to anyone, so a load
// balancer or a CI step can wait for the broker without credentials.
import type { Handler } from './types.ts';

export const getHealth: Handler = async () => ({ status: 200, body: { status: 'UP' } });
