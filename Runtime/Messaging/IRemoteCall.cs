namespace Actors.Runtime.Messaging;

/// <summary>A request sent to another silo, waiting for its response.</summary>
internal interface IRemoteCall
{
    /// <summary>The connection the request went out on.</summary>
    MessageConnection Connection { get; }

    void OnResponse(Message response);

    void OnConnectionLost(string reason);
}
