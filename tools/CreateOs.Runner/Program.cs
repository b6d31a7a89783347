Console.WriteLine("runner: not yet");
