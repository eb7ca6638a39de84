package com.techradium.iris.job;

import static com.techradium.iris.job.TestJobs.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.ValidationException;
import com.techradium.iris.core.spi.Cursors;
import com.techradium.iris.job.spi.JobCursors;
import org.junit.jupiter.api.Test;

class JobCursorsTest {

  @Test
  void theFirstPageStartsNowhere() {
    assertThat(JobCursors.start(PageRequest.first())).isNull();
  }

  @Test
  void theNextPageStartsAfterTheLastJobOfThePage() {
    Job last = job(JobState.QUEUED);

    assertThat(JobCursors.start(new PageRequest(10, JobCursors.after(last)))).isEqualTo(last.id());
  }

  @Test
  void aCursorThatIsNotAnIdIsRejected() {
    PageRequest page = new PageRequest(10, Cursors.encode("not-an-id"));

    assertThatThrownBy(() -> JobCursors.start(page))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("cursor");
  }

  @Test
  void aCursorThatDoesNotDecodeIsRejected() {
    assertThatThrownBy(() -> JobCursors.start(new PageRequest(10, "%%%")))
        .isInstanceOf(ValidationException.class);
  }
}
