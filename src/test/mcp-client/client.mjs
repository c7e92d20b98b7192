// Drives MediaNest's MCP server with the official MCP TypeScript SDK client, for McpClientTest.
// Usage: node client.mjs '<scenario JSON>'
//   scenario: {transport: "http", url, token} or {transport: "stdio", command, args, env},
//             version (optional: the protocol version to ask for at initialize),
//             steps: [{op: "listTools" | "callTool" | "listResources" | "readResource" | "listPrompts" | "getPrompt", ...}]
// Prints one JSON object: the negotiated version, each step's value or error, every message the
// server sent (for checking against the MCP schema of that version) and the progress received.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const scenario = JSON.parse(process.argv[2]);
const received = [];
const progress = [];
const steps = [];

function transportFor(scenario) {
  if (scenario.transport === "http") {
    const headers = scenario.token ? { Authorization: `Bearer ${scenario.token}` } : {};
    return new StreamableHTTPClientTransport(new URL(scenario.url), { requestInit: { headers } });
  }
  return new StdioClientTransport({ command: scenario.command, args: scenario.args, env: scenario.env, stderr: "inherit" });
}

const transport = transportFor(scenario);

// Ask for an older version than the SDK's newest at initialize, as an older client would.
const send = transport.send.bind(transport);
transport.send = (message, options) => {
  if (scenario.version && message.method === "initialize") {
    message = { ...message, params: { ...message.params, protocolVersion: scenario.version } };
  }
  return send(message, options);
};

// Record every message from the server before the client handles it.
let handler;
Object.defineProperty(transport, "onmessage", {
  get: () => handler && ((message, extra) => { received.push(message); return handler(message, extra); }),
  set: (value) => { handler = value; },
  configurable: true,
});

const client = new Client({ name: "medianest-test-client", version: "1.0.0" });

function failure(error) {
  return { message: String(error?.message ?? error), code: error?.code ?? null, data: error?.data ?? null };
}

let output;
try {
  await client.connect(transport);
  for (const step of scenario.steps ?? []) {
    try {
      let value;
      switch (step.op) {
        case "listTools": value = await client.listTools(); break;
        case "callTool": value = await client.callTool({ name: step.name, arguments: step.arguments ?? {} }, undefined,
          step.progress ? { onprogress: (p) => progress.push(p) } : undefined); break;
        case "listResources": value = await client.listResources(); break;
        case "readResource": value = await client.readResource({ uri: step.uri }); break;
        case "listPrompts": value = await client.listPrompts(); break;
        case "getPrompt": value = await client.getPrompt({ name: step.name, arguments: step.arguments ?? {} }); break;
        default: throw new Error(`unknown step ${step.op}`);
      }
      steps.push({ op: step.op, ok: true, value });
    } catch (error) {
      steps.push({ op: step.op, ok: false, error: failure(error) });
    }
  }
  output = {
    connected: true,
    negotiated: received.find((m) => m.result?.protocolVersion)?.result.protocolVersion ?? null,
    server: client.getServerVersion(),
    instructions: client.getInstructions(),
    steps, received, progress,
  };
} catch (error) {
  output = { connected: false, error: failure(error), steps, received, progress };
} finally {
  try {
    await client.close();
  } catch {
    // already closed
  }
}
process.stdout.write(JSON.stringify(output) + "\n");
process.exit(0);
