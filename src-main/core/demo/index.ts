export { createDemoTransport, demoTokenSource, DEMO_GRAPH_ROOT, type DemoTransportOptions } from './demo-transport';
export { DEMO_TARGETS, demoDataset, type DemoTarget } from './fixtures';
export { answerGraphRequest, graphError, type GraphDataset, type GraphAnswer } from './graph-responder';
export { SEED_EXAMPLE_BODY, SEED_HOST, SEED_HOST_PORT_ID, SEED_PORT } from './seed-example';
