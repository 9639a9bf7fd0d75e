using System.Security.Cryptography;
using TradeX.Gateway.Participants;

namespace TradeX.Sim.Simulator;

/// <summary>Helpers for hosting the simulator: participants with fresh random secrets and their participant file.</summary>
public static class SimulatorSetup
{
    /// <summary>
    /// Gives each participant a random secret, writes the participant file at <paramref name="path"/> (keep
    /// it outside the repository, e.g. in a temporary directory: it holds only salted hashes, but it is
    /// the credential store), and returns the participants with their secrets for the simulator.
    /// </summary>
    public static IReadOnlyList<SimParticipant> WriteParticipantFile(string path, IEnumerable<(int ParticipantId, IReadOnlyList<int> Accounts)> participants,
        CancelOnDisconnect cancelOnDisconnect = CancelOnDisconnect.QuotesOnly, int messagesPerSecond = 0, IReadOnlyList<ProtectionSetting>? protection = null,
        int hashIterations = 10_000)
    {
        var result = new List<SimParticipant>();
        var definitions = new List<ParticipantDefinition>();
        foreach (var (id, accounts) in participants)
        {
            string secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
            result.Add(new SimParticipant(id, secret, accounts));
            definitions.Add(new ParticipantDefinition(id, secret, accounts)
            {
                CancelOnDisconnect = cancelOnDisconnect,
                MessagesPerSecond = messagesPerSecond,
                Protection = protection ?? [],
                HashIterations = hashIterations,
            });
        }
        ParticipantStoreFile.Write(path, definitions);
        return result;
    }
}
