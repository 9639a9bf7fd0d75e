using TradeX.Gateway.Participants;

namespace TradeX.Gateway.Tests.Units;

public sealed class ParticipantStoreTests
{
    private static string Hash(string secret = "s3cret") => SecretHash.Create(secret, iterations: 100);

    private static string File(string participants) => $$"""{ "participants": [ {{participants}} ] }""";

    [Test]
    public void A_written_file_loads_back_with_hashed_secrets_accounts_options_and_protection()
    {
        var dir = Directory.CreateTempSubdirectory("tradex-store-");
        try
        {
            string path = Path.Combine(dir.FullName, "p.json");
            ParticipantStoreFile.Write(path, [
                new ParticipantDefinition(7, "seven-secret", [71, 72])
                {
                    Name = "seven", CancelOnDisconnect = CancelOnDisconnect.All, MessagesPerSecond = 500, HashIterations = 100,
                    Protection = [new ProtectionSetting(0, 2_000_000_000, 1_000, 5)],
                },
            ]);
            string text = System.IO.File.ReadAllText(path);
            Assert.That(text, Does.Not.Contain("seven-secret"), "the secret itself is never stored");
            if (!OperatingSystem.IsWindows())
                Assert.That(System.IO.File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));

            var p = ParticipantStore.Load(path).Find(7)!;
            Assert.That(p.Name, Is.EqualTo("seven"));
            Assert.That(p.Accounts, Is.EqualTo(new[] { 71, 72 }));
            Assert.That(p.Owns(72), Is.True);
            Assert.That(p.Owns(73), Is.False);
            Assert.That(p.CancelOnDisconnect, Is.EqualTo(CancelOnDisconnect.All));
            Assert.That(p.MessagesPerSecond, Is.EqualTo(500));
            Assert.That(p.Protection.Single(), Is.EqualTo(new ProtectionSetting(0, 2_000_000_000, 1_000, 5)));
            Assert.That(SecretHash.Verify("seven-secret"u8, p.SecretHash), Is.True);
            Assert.That(SecretHash.Verify("seven-secreT"u8, p.SecretHash), Is.False);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Test]
    public void The_same_secret_hashes_differently_each_time_because_of_the_salt()
    {
        string first = SecretHash.Create("x", 100), second = SecretHash.Create("x", 100);
        Assert.That(first, Is.Not.EqualTo(second));
        Assert.That(SecretHash.Verify("x"u8, first) && SecretHash.Verify("x"u8, second), Is.True);
    }

    [TestCase("{ \"participants\": 3 }", "participants: must be an array")]
    [TestCase("{ \"participants\": [], \"extra\": 1 }", "extra: unknown field")]
    [TestCase("not json", "not valid JSON")]
    public void A_malformed_file_is_refused_naming_the_field(string json, string message)
    {
        Assert.That(() => ParticipantStore.Parse(json, "p.json"), Throws.TypeOf<ParticipantStoreException>().With.Message.Contains(message));
    }

    [Test]
    public void Bad_participant_entries_are_refused_naming_the_field()
    {
        string ok = $$"""{ "id": 1, "secret": "{{Hash()}}", "accounts": [11] }""";
        void Refused(string participants, string message) =>
            Assert.That(() => ParticipantStore.Parse(File(participants), "p.json"), Throws.TypeOf<ParticipantStoreException>().With.Message.Contains(message), message);

        Refused("""{ "id": 1, "secret": "plain-text", "accounts": [11] }""", "participants[0].secret: expected pbkdf2-sha256$ITERATIONS$SALT$HASH");
        Refused($$"""{ "id": 0, "secret": "{{Hash()}}", "accounts": [11] }""", "participants[0].id: 0 is below 1");
        Refused($$"""{ "id": 1, "secret": "{{Hash()}}", "accounts": [] }""", "participants[0].accounts: must name at least one account");
        Refused($$"""{ "id": 1, "secret": "{{Hash()}}", "accounts": [11], "cancelOnDisconnect": "sometimes" }""", "'sometimes' is not one of none, quotes, all");
        Refused($$"""{ "id": 1, "secret": "{{Hash()}}", "accounts": [11], "colour": "red" }""", "participants[0].colour: unknown field");
        Refused($$"""{ "id": 1, "secret": "{{Hash()}}", "accounts": [11], "protection": [ { "windowMillis": 10 } ] }""", "needs maxQuantity or maxFills");
        Refused($$"""{{ok}}, { "id": 1, "secret": "{{Hash()}}", "accounts": [12] }""", "participant id 1 appears twice");
        Refused($$"""{{ok}}, { "id": 2, "secret": "{{Hash()}}", "accounts": [11] }""", "account 11 is listed by participants 1 and 2");
    }

    [Test]
    public void A_participant_file_inside_a_git_work_tree_is_refused()
    {
        var dir = Directory.CreateTempSubdirectory("tradex-repo-");
        try
        {
            Directory.CreateDirectory(Path.Combine(dir.FullName, ".git"));
            string path = Path.Combine(dir.FullName, "config", "participants.json");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            System.IO.File.WriteAllText(path, File($$"""{ "id": 1, "secret": "{{Hash()}}", "accounts": [11] }"""));

            Assert.That(() => ParticipantStore.Load(path), Throws.TypeOf<ParticipantStoreException>().With.Message.Contains("inside the git work tree"));
            Assert.That(ParticipantStore.Load(path, allowInsideRepository: true).Participants, Has.Count.EqualTo(1));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Test]
    public void The_environment_variable_names_the_file()
    {
        var dir = Directory.CreateTempSubdirectory("tradex-env-");
        string? before = Environment.GetEnvironmentVariable(ParticipantStore.EnvironmentVariable);
        try
        {
            string path = Path.Combine(dir.FullName, "p.json");
            System.IO.File.WriteAllText(path, File($$"""{ "id": 4, "secret": "{{Hash()}}", "accounts": [41] }"""));
            Environment.SetEnvironmentVariable(ParticipantStore.EnvironmentVariable, path);
            Assert.That(ParticipantStore.LoadFromEnvironment().Find(4), Is.Not.Null);
            Environment.SetEnvironmentVariable(ParticipantStore.EnvironmentVariable, null);
            Assert.That(() => ParticipantStore.LoadFromEnvironment(), Throws.TypeOf<ParticipantStoreException>().With.Message.Contains("TRADEX_PARTICIPANTS is not set"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(ParticipantStore.EnvironmentVariable, before);
            dir.Delete(recursive: true);
        }
    }
}
