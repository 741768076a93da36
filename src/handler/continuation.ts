import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { cachedClient, sdkConfig } from './aws-clients';

/** Starts an asynchronous ('Event') invocation of the given function with the given payload. */
export async function invokeAsync(functionArn: string, payload: unknown): Promise<void> {
  const lambda = cachedClient('lambda', () => new LambdaClient(sdkConfig()));
  await lambda.send(
    new InvokeCommand({ FunctionName: functionArn, InvocationType: 'Event', Payload: Buffer.from(JSON.stringify(payload)) }),
  );
}
