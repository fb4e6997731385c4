namespace Actors.Runtime.Messaging;

/// <summary>A request sent to another silo, waiting for its response.</summary>
internal interface IRemoteCall
{
    /// <summary>The connection the request went out on.</summary>
    MessageConnection Connection { get; }

    void OnResponse(Message response);

    void OnConnectionLost(string reason);
}

/// <summary>Whoever keeps the table of requests waiting for responses (a silo's message center, a cluster client).</summary>
internal interface IPendingCalls
{
    /// <summary>Removes a call that gave up waiting (timed out).</summary>
    void Forget(long correlationId);
}
