// proxy/: the recording, validating reverse proxy. Only cli/ imports it.

export { startProxy, type ProxyOptions, type RunningProxy } from './server.ts';
export { findingsHeader, LiveJudge, type LiveOptions } from './live.ts';
export { brokerOrigins, isTextual, rewriter, type Rewriter } from './rewrite.ts';
