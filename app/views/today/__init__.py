"""The Today screen: the day and week ahead, overdue sessions, who needs a visit."""
