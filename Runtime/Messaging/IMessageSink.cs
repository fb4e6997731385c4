namespace Actors.Runtime.Messaging;

/// <summary>Receives the frames a connection reads and learns when it closes.</summary>
internal interface IMessageSink
{
    /// <summary>Called on the connection's read loop, in arrival order; must not block.</summary>
    void OnMessage(MessageConnection connection, Message message);

    /// <summary>Called once when the connection has closed, for whatever reason.</summary>
    void OnClosed(MessageConnection connection, Exception? error);
}
