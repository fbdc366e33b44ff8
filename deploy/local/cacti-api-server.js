// A real Hyperledger Cacti API server (npm @hyperledger/cactus-cmd-api-server), no plugins, no TLS,
// no auth, on loopback: what monitoring collects from locally and in its tests.
// Usage: node cacti-api-server.js <npm dir holding node_modules> <api port> <grpc port>
"use strict";
const path = require("path");

const [npmDir, apiPort, grpcPort] = process.argv.slice(2);
if (!npmDir || !apiPort || !grpcPort) {
  console.error("usage: node cacti-api-server.js <npm dir> <api port> <grpc port>");
  process.exit(2);
}
const cacti = require(path.join(path.resolve(npmDir), "node_modules/@hyperledger/cactus-cmd-api-server"));

async function main() {
  const configService = new cacti.ConfigService();
  const options = await configService.newExampleConfig();
  options.authorizationProtocol = cacti.AuthorizationProtocol.NONE;
  options.configFile = "";
  options.apiHost = "127.0.0.1";
  options.apiPort = Number(apiPort);
  options.apiTlsEnabled = false;
  options.apiMtlsEnabled = false;
  options.grpcPort = Number(grpcPort);
  options.grpcMtlsEnabled = false;
  options.cockpitEnabled = false;
  options.cockpitPort = 0;
  options.plugins = [];
  options.logLevel = "info";
  const config = await configService.newExampleConfigConvict(options);
  const server = new cacti.ApiServer({ config: config.getProperties() });
  await server.start();
  console.log(`Cacti API server listening on http://127.0.0.1:${apiPort}`);
  const stop = async () => {
    await server.shutdown();
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error) => {
  console.error("Cacti API server failed to start:", error);
  process.exit(1);
});
