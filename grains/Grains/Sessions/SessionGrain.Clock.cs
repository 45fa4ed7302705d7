using Hub.Contracts.Sessions;

namespace Hub.Grains.Sessions;

/// <summary>Views leave the grain with the server's time in them (<see cref="RoomView.ServerNow"/>), so clients count
/// the timer down on the clock that holds its end time, not on their own.</summary>
public sealed partial class SessionGrain
{
    private RoomView Stamped(RoomView room) => room with { ServerNow = Clock.GetUtcNow() };

    private StaffView Stamped(StaffView staff) => staff with { Room = Stamped(staff.Room) };
}
